/** The checks of a credential's report. */
export type CredentialCheckName =
  'format' | 'signature' | 'signed-payload' | 'schema' | 'validity-period' | 'status' | 'anchor' | 'issuer-trust';

/** The checks of a presentation's own report, and `holder`: the one each credential inside gets beside its report. */
export type PresentationCheckName = 'format' | 'holder-signature' | 'challenge' | 'domain' | 'validity-period' | 'holder';

/** The check each source a recognition credential cites gets, in the recognition's sub-report. */
export type RecognitionCheckName = 'source';

/** Every check's name: what a report, a page, a link or a verdict names a check by. */
export type CheckName = CredentialCheckName | PresentationCheckName | RecognitionCheckName;
