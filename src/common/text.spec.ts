import { foldVietnamese, hasControlCharacters, nfc, singleLine } from './text';

describe('text helpers', () => {
  it('folds Vietnamese to plain lower-case letters', () => {
    expect(foldVietnamese('Sở Nội vụ')).toBe('so noi vu');
    expect(foldVietnamese('ĐÀ NẴNG  Điện Bàn')).toBe('da nang dien ban');
  });

  it('folds decomposed input the same as composed input', () => {
    const decomposed = 'Sở Nội vụ'.normalize('NFD');
    expect(foldVietnamese(decomposed)).toBe('so noi vu');
    expect(nfc(decomposed)).toBe('Sở Nội vụ'.normalize('NFC'));
  });

  it('finds and removes line breaks and other controls', () => {
    expect(hasControlCharacters('Hội nghị\r\nBcc: x@y')).toBe(true);
    expect(hasControlCharacters('Hội nghị trực tuyến')).toBe(false);
    expect(singleLine('Hội nghị\r\nBcc: x@y\u0007')).toBe('Hội nghị Bcc: x@y');
  });
});
