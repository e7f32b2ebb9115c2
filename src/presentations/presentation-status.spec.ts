import { allowedPresentationActions, nextPresentationStatus, PRESENTATION_STATUSES } from './presentation-status';

describe('nextPresentationStatus', () => {
  it('follows pending → submitted → returned → resubmitted → accepted', () => {
    expect(nextPresentationStatus('pending', 'upload')).toBe('submitted');
    expect(nextPresentationStatus('submitted', 'return')).toBe('returned');
    expect(nextPresentationStatus('returned', 'upload')).toBe('resubmitted');
    expect(nextPresentationStatus('resubmitted', 'accept')).toBe('accepted');
  });

  it('keeps the status when a new version comes before a review', () => {
    expect(nextPresentationStatus('submitted', 'upload')).toBe('submitted');
    expect(nextPresentationStatus('resubmitted', 'upload')).toBe('resubmitted');
  });

  it('refuses reviewing what was not submitted, and anything after acceptance', () => {
    expect(nextPresentationStatus('pending', 'accept')).toBeNull();
    expect(nextPresentationStatus('returned', 'return')).toBeNull();
    for (const action of ['upload', 'accept', 'return'] as const)
      expect(nextPresentationStatus('accepted', action)).toBeNull();
  });

  it('offers only the actions the status allows', () => {
    expect(allowedPresentationActions('pending', false)).toEqual(['upload', 'close']);
    expect(allowedPresentationActions('submitted', false)).toEqual(['upload', 'accept', 'return', 'close']);
    expect(allowedPresentationActions('submitted', true)).toEqual(['accept', 'reopen']);
    expect(allowedPresentationActions('accepted', false)).toEqual([]);
    for (const status of PRESENTATION_STATUSES)
      expect(allowedPresentationActions(status, true)).not.toContain('upload');
  });
});
