export const SLOT_KINDS = [
  'reception',
  'opening',
  'speech',
  'presentation',
  'discussion',
  'break',
  'training',
  'closing',
  'other',
] as const;
export type SlotKind = (typeof SLOT_KINDS)[number];
