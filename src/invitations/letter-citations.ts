import type { CitedDocument } from '../conferences/plan-facts.dto';
import type { Language } from './invitation.messages';

/** The words of a citation, in the letter's language. */
const WORDS: Record<Language, { basis: string; implements: string; number: string; on: string; of: string }> = {
  vi: { basis: 'Căn cứ', implements: 'Thực hiện', number: 'số', on: 'ngày', of: 'của' },
  en: { basis: 'Pursuant to', implements: 'Implementing', number: 'No.', on: 'dated', of: 'of' },
};

/** "2021-03-18" → "18/3/2021", "2021-03" → "3/2021", "2021" as is: as Vietnamese letters write dates. */
export function letterDate(planDate: string): string {
  const [year, month, day] = planDate.split('-');
  return [day && String(Number(day)), month && String(Number(month)), year].filter(Boolean).join('/');
}

/** "Thực hiện Công văn số 170-CV/BTGTW ngày 18/3/2021 của Ban Tuyên giáo Trung ương về …". */
export function citationLine(doc: CitedDocument, language: Language): string {
  const w = WORDS[language];
  return [
    w[doc.relation],
    doc.documentType,
    doc.number ? `${w.number} ${doc.number}` : null,
    doc.issuedOn ? `${w.on} ${letterDate(doc.issuedOn)}` : null,
    doc.issuer ? `${w.of} ${doc.issuer}` : null,
    doc.title,
  ]
    .filter((part): part is string => !!part)
    .join(' ');
}
