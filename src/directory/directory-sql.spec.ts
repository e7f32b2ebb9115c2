import { escapeLike, searchCondition, searchPatterns, SqlParams } from '../common/sql-params';
import { unitSearchKey } from './directory-sql';

describe('directory search', () => {
  it('matches each folded word, so queries work with or without diacritics and in any order', () => {
    expect(searchPatterns('So Noi vu')).toEqual(['%so%', '%noi%', '%vu%']);
    expect(searchPatterns('Sở  Nội vụ')).toEqual(['%so%', '%noi%', '%vu%']);
    expect(searchPatterns('ĐIỆN BÀN điện')).toEqual(['%dien%', '%ban%']);
    expect(searchPatterns('   ')).toEqual([]);
  });

  it('escapes LIKE wildcards typed by the user', () => {
    expect(escapeLike('100%_a\\b')).toBe('100\\%\\_a\\\\b');
    expect(searchPatterns('50%')).toEqual(['%50\\%%']);
  });

  it('builds the condition with numbered parameters', () => {
    const params = new SqlParams();
    params.add('first');
    expect(searchCondition('u.search_key', 'noi vu', params)).toBe('u.search_key ILIKE $2 AND u.search_key ILIKE $3');
    expect(params.values).toEqual(['first', '%noi%', '%vu%']);
    expect(searchCondition('u.search_key', '', new SqlParams())).toBe('TRUE');
  });

  it('keys a unit by its name and short name together', () => {
    expect(unitSearchKey('Sở Thông tin và Truyền thông', 'STTTT')).toBe(
      'so thong tin va truyen thong sttttt'.replace('sttttt', 'sttttt'.slice(0, 5)),
    );
    expect(unitSearchKey('Đài PT-TH', null)).toBe('dai pt-th');
  });
});
