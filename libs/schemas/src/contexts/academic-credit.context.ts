const ELM = 'http://data.europa.eu/snb/model/elm/';

/**
 * Our academic-credit extension context, version 1, served at CONTEXT_URLS.academicCreditV1. It
 * gives the terms Open Badges lacks the meaning they have in the European Learning Model, so a
 * reader that knows ELM understands the credit unit. Terms are added in a new version, never
 * changed in this one (they are protected, so no later context can redefine them either).
 */
export const academicCreditContext = {
  '@context': {
    '@version': 1.1,
    '@protected': true,
    CreditPoint: { '@id': `${ELM}CreditPoint` },
    creditPoint: { '@id': `${ELM}creditPoint` },
    creditReceived: { '@id': `${ELM}creditReceived` },
    framework: { '@id': `${ELM}framework`, '@type': '@id' },
    point: { '@id': `${ELM}point` },
  },
} as const;
