/** The delegate's answer page for a link token. */
export const answerPageUrl = (publicUrl: string, token: string) => `${publicUrl}/invitations/answer/${token}`;
