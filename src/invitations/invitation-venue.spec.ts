import { inVenue } from './invitation-venue';

describe('the venue as an invitee’s place', () => {
  const hall = { name: 'Hội trường Tỉnh ủy', address: 'Số 02 Trần Phú, TP. Tam Kỳ', room: null };

  it('is everyone’s place at an in-person conference, whatever their point', () => {
    expect(inVenue('in_person', hall, 'remote')).toBe(hall);
    expect(inVenue('in_person', hall, null)).toBe(hall);
  });

  it('is the host point’s (and the conference’s own) invitees’ place at a hybrid one, not a remote point’s', () => {
    expect(inVenue('hybrid', hall, 'host')).toBe(hall);
    expect(inVenue('hybrid', hall, null)).toBe(hall);
    expect(inVenue('hybrid', hall, 'remote')).toBeNull();
  });

  it('is nobody’s place without a venue or online', () => {
    expect(inVenue('in_person', null, null)).toBeNull();
    expect(inVenue('online', hall, 'host')).toBeNull();
  });
});
