import { citationLine, letterDate } from './letter-citations';

describe('letter citations', () => {
  it('writes a full citation as a Vietnamese letter does', () => {
    expect(
      citationLine(
        {
          relation: 'implements',
          documentType: 'Công văn',
          number: '170-CV/BTGTW',
          issuedOn: '2021-03-18',
          issuer: 'Ban Tuyên giáo Trung ương',
          title: null,
        },
        'vi',
      ),
    ).toBe('Thực hiện Công văn số 170-CV/BTGTW ngày 18/3/2021 của Ban Tuyên giáo Trung ương');
  });

  it('writes a partial date as far as it is known', () => {
    expect(letterDate('2021-03')).toBe('3/2021');
    expect(letterDate('2021')).toBe('2021');
  });

  it('says basis in English as "Pursuant to"', () => {
    expect(
      citationLine(
        {
          relation: 'basis',
          documentType: 'Decision',
          number: '3532/QĐ-UBND',
          issuedOn: null,
          issuer: null,
          title: null,
        },
        'en',
      ),
    ).toBe('Pursuant to Decision No. 3532/QĐ-UBND');
  });
});
