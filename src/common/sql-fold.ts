/**
 * Vietnamese letters with their marks, and the same letters without them: `translate(lower(x),
 * VIETNAMESE_LETTERS, FOLDED_LETTERS)` folds a column in SQL as foldVietnamese folds the query, so
 * "Tam Nghia" finds "Tam Nghĩa" without a stored search key.
 */
export const VIETNAMESE_LETTERS = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ';
export const FOLDED_LETTERS = [...VIETNAMESE_LETTERS].map((c) => c.normalize('NFD')[0].replace('đ', 'd')).join('');
