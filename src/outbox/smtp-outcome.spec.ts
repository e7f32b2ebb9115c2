import { classifySendError } from './smtp-outcome';

const smtpError = (responseCode: number, response: string, code = 'EENVELOPE') =>
  Object.assign(new Error(`Can't send mail: ${response}`), { code, responseCode, response, command: 'RCPT TO' });

describe(classifySendError.name, () => {
  it('retries a 4xx answer and keeps the server’s words', () => {
    expect(classifySendError(smtpError(421, '421 4.3.2 Service not available', 'EPROTOCOL'))).toEqual({
      permanent: false,
      serverDown: true,
      description: '421 4.3.2 Service not available',
    });
    expect(classifySendError(smtpError(451, '451 4.7.0 Rate limit exceeded', 'EMESSAGE'))).toMatchObject({
      permanent: false,
      serverDown: false,
    });
    expect(
      classifySendError(smtpError(450, '450 4.2.1 The user you are trying to contact is receiving mail too quickly'))
        .permanent,
    ).toBe(false);
  });

  it('stops on a 5xx answer', () => {
    expect(classifySendError(smtpError(550, '550 5.1.1 No such user'))).toEqual({
      permanent: true,
      serverDown: false,
      description: '550 5.1.1 No such user',
    });
    expect(classifySendError(smtpError(554, '554 5.7.1 Message rejected', 'EMESSAGE')).permanent).toBe(true);
  });

  it('retries 503, which is about the session rather than the message', () => {
    expect(classifySendError(smtpError(503, '503 5.5.1 Bad sequence of commands', 'EPROTOCOL')).permanent).toBe(false);
  });

  it.each(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED'])(
    'retries %s without a reply code, as the server being unreachable',
    (code) => {
      const failure = classifySendError(Object.assign(new Error('Timeout'), { code }));
      expect(failure).toEqual({ permanent: false, serverDown: true, description: `${code}: Timeout` });
    },
  );

  it.each(['EABORT', 'EAUTH'])('retries %s without a reply code, as nothing the server’s return mends', (code) => {
    const failure = classifySendError(Object.assign(new Error('Timeout'), { code }));
    expect(failure).toEqual({ permanent: false, serverDown: false, description: `${code}: Timeout` });
  });

  it('stops on an invalid address found before any server saw it', () => {
    expect(
      classifySendError(Object.assign(new Error('No recipients defined'), { code: 'EENVELOPE', command: 'API' })),
    ).toEqual({
      permanent: true,
      serverDown: false,
      description: 'EENVELOPE: No recipients defined',
    });
  });

  it('retries what it does not know, and describes it on one bounded line', () => {
    const failure = classifySendError(new Error(`renderer broke\n${'x'.repeat(2000)}`));
    expect(failure.permanent).toBe(false);
    expect(failure.description.startsWith('renderer broke x')).toBe(true);
    expect(failure.description.length).toBe(1000);
    expect(classifySendError(undefined)).toEqual({ permanent: false, serverDown: false, description: 'unknown error' });
  });
});
