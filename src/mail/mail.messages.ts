/** What Convene says about its mail settings (start-up log lines, refused sends); English, for operators. */
export const MAIL_SETTING_TEXT = {
  unusable: (variable: string, address: string) =>
    `${variable} is not a usable e-mail address (${JSON.stringify(address)}: it needs a domain with a dot, e.g. convene@convene.localhost or rsvp@quangnam.gov.vn); invitations cannot be sent until it is fixed`,
};
