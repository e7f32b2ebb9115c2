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

/**
 * How long before the session's official start a reception (đón tiếp đại biểu) may begin: plans
 * put it 30 minutes to an hour before ("07h00–07h30 đón tiếp, 07h30 khai mạc"); two hours leaves room.
 */
export const RECEPTION_LEAD_MINUTES = 120;
