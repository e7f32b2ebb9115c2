/** Messages of the conference's audit section: Vietnamese first, English beside it, the same keys. */
const vi = {
  /** Error codes the API answers in this section, merged into `error` (see locales/vi.ts). */
  errors: {},
};

const en: typeof vi = {
  errors: {},
};

export const auditText = { vi, en };
