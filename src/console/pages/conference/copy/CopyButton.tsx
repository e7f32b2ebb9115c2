import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conference } from '../../../api';
import { CopyDialog } from './CopyDialog';

/** "Sao chép sang năm mới": organizers run the same conference every year (issue 15). */
export function CopyButton({ conference }: { conference: Conference }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button-secondary" onClick={() => setOpen(true)}>
        {t('copy.open')}
      </button>
      {open && <CopyDialog conference={conference} onClose={() => setOpen(false)} />}
    </>
  );
}
