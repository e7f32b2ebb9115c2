import type { OutboxRenderer, RenderableMessage, RenderOutcome } from './outbox-renderers';
import { SKIP_REASONS } from './outbox.messages';

export const PLAIN_KIND = 'plain';

/** Payload of a `plain` message: the text itself, already written (test messages, notices). */
export interface PlainPayload {
  subject: string;
  text: string;
  html?: string;
}

export function isPlainPayload(payload: Record<string, unknown>): payload is PlainPayload & Record<string, unknown> {
  return (
    typeof payload.subject === 'string' &&
    payload.subject.length > 0 &&
    typeof payload.text === 'string' &&
    (payload.html === undefined || typeof payload.html === 'string')
  );
}

/** The one kind whose payload is the mail: nothing to load, nothing to build. */
export class PlainRenderer implements OutboxRenderer {
  render(messages: RenderableMessage[]): Promise<RenderOutcome[]> {
    return Promise.resolve(
      messages.map(({ payload }) =>
        isPlainPayload(payload)
          ? { mail: { subject: payload.subject, text: payload.text, html: payload.html } }
          : { skip: SKIP_REASONS.badPlainPayload },
      ),
    );
  }
}
