/**
 * The ICU collation (created by migration 1764900310000) of every name and title lists sort by:
 * Vietnamese alphabetical order (A Ă Â B C D Đ E Ê …, then tones), not byte order, which puts
 * "Đại Lộc" after every other letter and "Ân" after "Z".
 */
export const VIETNAMESE = 'vietnamese';
