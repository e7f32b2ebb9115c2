import type { AppConfig } from '../../config/app-config';
import { mailbox } from '../calendar/calendar-input';
import { MAIL_SETTING_TEXT } from './mail.messages';

/** A mail setting that every invitation would need and cannot use; the variable to fix is named. */
export interface MailSettingProblem {
  variable: 'MAIL_FROM' | 'MAIL_ORGANIZER';
  /** The stable error code of a send refused for it. */
  code: 'MAIL_FROM_UNUSABLE' | 'MAIL_ORGANIZER_UNUSABLE';
  address: string;
  detail: string;
}

const usable = (address: string) => {
  try {
    mailbox(address, 'address');
    return true;
  } catch {
    return false;
  }
};

/**
 * Checks the sender (MAIL_FROM) and the organizer mailbox with the same rule the calendar
 * applies to ORGANIZER, so what passes here is never skipped later as "not a usable e-mail
 * address". The organizer is reported on its own only when MAIL_ORGANIZER names it; otherwise
 * it is MAIL_FROM's address and one problem says so.
 */
export function mailSettingProblems(mail: AppConfig['mail']): MailSettingProblem[] {
  const problems: MailSettingProblem[] = [];
  if (!usable(mail.fromAddress))
    problems.push({
      variable: 'MAIL_FROM',
      code: 'MAIL_FROM_UNUSABLE',
      address: mail.fromAddress,
      detail: MAIL_SETTING_TEXT.unusable('MAIL_FROM', mail.fromAddress),
    });
  if (mail.organizerFrom === 'MAIL_ORGANIZER' && !usable(mail.organizerAddress))
    problems.push({
      variable: 'MAIL_ORGANIZER',
      code: 'MAIL_ORGANIZER_UNUSABLE',
      address: mail.organizerAddress,
      detail: MAIL_SETTING_TEXT.unusable('MAIL_ORGANIZER', mail.organizerAddress),
    });
  return problems;
}
