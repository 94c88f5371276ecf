import { Inject, Injectable } from '@nestjs/common';
import {
  buildClrCredential,
  buildRecognitionCredential,
  digestMultibase,
  type IdentityObject,
  type JsonObject,
  type RecognisedLearner,
  type RecognitionSourceFacts,
  type RecognitionType,
  type SignedBytes,
  SOURCE_MEDIA_TYPES,
  type TranscriptFacts,
  validateClrCredential,
  validateRecognitionCredential,
  validateVcdmCredential,
} from '#schemas';
import { checkFormat, type ParsedCredential } from '#verification';
import { CredentialIssuanceService, type IssuedCredential } from '../../credentials/credential-issuance.service.js';
import { CredentialIssuanceError } from '../../credentials/credentials.errors.js';
import type { Institution } from '../../institutions/institutions.service.js';
import { ISSUER_CONFIG, type IssuerConfig } from '../../issuer.config.js';
import { CreditBankError } from '../credit-bank.errors.js';
import type { ProposedDecision } from '../rules/recognition-input.js';

/**
 * A decision the registrar confirmed: the engine's proposal with the credits and grade as finally
 * recognised (edited or not), the published policy version it was made under, when, and when the
 * recognition lapses for the programme.
 */
export interface ConfirmedDecision extends ProposedDecision {
  policy: { id: string; version: number };
  decisionDate: string;
  expires?: string;
  /** Transfer unless the decision says otherwise. */
  recognitionType?: RecognitionType;
}

/** A deposited source credential: its exact signed bytes (the JCS form for `ldp_vc`) and what its verification found at deposit. */
export interface DepositedSource extends SignedBytes {
  verifiedAt: string;
  /** The checks that passed at deposit. */
  checks: string[];
}

export interface RecognitionIssueRequest {
  learner: RecognisedLearner;
  decision: ConfirmedDecision;
  /** One per source of the decision, matched by digest (`digestMultibase` of the exact bytes, as deposits store it). */
  sources: DepositedSource[];
  /** The id the decision reserved for its credential, so a retry never issues a second one. */
  credentialId?: string;
}

export interface TranscriptIssueRequest {
  learner: RecognisedLearner;
  programme: TranscriptFacts['programme'];
  /** The institution's own course credentials and its recognition credentials, as issued (ldp_vc documents). */
  credentials: JsonObject[];
}

/**
 * The credit bank's credentials, issued through the normal issuance path (status list, checks on
 * the signed bytes, anchoring, anchored package): recognition credentials for confirmed decisions,
 * and CLR 2.0 transcripts of a programme.
 */
@Injectable()
export class RecognitionCredentialsService {
  constructor(
    private readonly issuance: CredentialIssuanceService,
    @Inject(ISSUER_CONFIG) private readonly config: IssuerConfig,
  ) {}

  /**
   * One recognition credential for one confirmed decision, citing each of its sources by digest. A
   * 1:n rule gives one decision per target course, so one credential each, citing the same source.
   */
  async issueRecognitionCredential(institution: Institution, request: RecognitionIssueRequest): Promise<IssuedCredential> {
    const { decision, learner } = request;
    const sources = sourcesOf(decision, request.sources);
    const facts = {
      learner,
      course: { ...(decision.target.achievementId ? { id: decision.target.achievementId } : {}), name: decision.target.name },
      recognitionType: decision.recognitionType ?? 'transfer',
      policy: { id: this.policyVersionUrl(decision.policy), version: decision.policy.version },
      rule: decision.rule,
      cardinality: decision.cardinality,
      credits: { value: decision.credits, framework: decision.framework },
      ...(decision.grade ? { grade: decision.grade } : {}),
      decisionDate: decision.decisionDate,
      ...(decision.expires ? { expires: decision.expires } : {}),
      sources,
    };
    return this.issuance.issueBuilt(institution, {
      ...(request.credentialId ? { id: request.credentialId } : {}),
      kind: 'credit',
      build: (ctx) => buildRecognitionCredential(facts, ctx, ctx.credentialStatus),
      violations: validateRecognitionCredential,
    });
  }

  /** Whether the institution has issued a credential under this id (a recognition's reserved id). */
  async isIssued(institution: Institution, credentialId: string): Promise<boolean> {
    try {
      await this.issuance.get(institution, credentialId);
      return true;
    } catch (error) {
      if (error instanceof CredentialIssuanceError && error.code === 'CREDENTIAL_NOT_FOUND') return false;
      throw error;
    }
  }

  /** A CLR 2.0 transcript of a learner's programme, embedding the given signed credentials whole. */
  async issueTranscript(institution: Institution, request: TranscriptIssueRequest): Promise<IssuedCredential> {
    return this.issuance.issueBuilt(institution, {
      kind: undefined,
      build: (ctx) => buildClrCredential(request, ctx, ctx.credentialStatus),
      violations: (credential) => [...validateVcdmCredential(credential, { proof: 'forbidden' }), ...validateClrCredential(credential)],
    });
  }

  /** The public page of the policy version: what `recognitionPolicy` names. */
  private policyVersionUrl({ id, version }: ConfirmedDecision['policy']): string {
    return `${this.config.publicUrl}/v1/policies/${encodeURIComponent(id)}/versions/${version}`;
  }
}

/**
 * The hashed identifiers (with their salts) the deposited credentials name their subject by, of those
 * the account has recorded: the account keeps the hashes only, and an IdentityObject needs its salt.
 */
export function sourceIdentifiers(deposited: DepositedSource[], hashes: ReadonlySet<string>): IdentityObject[] {
  const found = new Map<string, IdentityObject>();
  for (const source of deposited) {
    const subject = parse(source).credential.credentialSubject;
    const listed = (Array.isArray(subject) ? subject : [subject]).flatMap((entry: unknown) => {
      const identifier = (entry as { identifier?: unknown } | undefined)?.identifier;
      return Array.isArray(identifier) ? identifier : identifier === undefined ? [] : [identifier];
    });
    for (const candidate of listed)
      if (isIdentityObject(candidate) && hashes.has(candidate.identityHash)) found.set(candidate.identityHash, candidate);
  }
  return [...found.values()];
}

function isIdentityObject(value: unknown): value is IdentityObject {
  const object = value as Partial<IdentityObject> | null;
  return (
    typeof object === 'object' &&
    object !== null &&
    object.type === 'IdentityObject' &&
    (object.identityType === 'emailAddress' || object.identityType === 'sisSourcedId') &&
    object.hashed === true &&
    typeof object.identityHash === 'string' &&
    typeof object.salt === 'string'
  );
}

/** Each source of the decision with the deposited credential of its digest, read as a verifier reads it. */
function sourcesOf(decision: ConfirmedDecision, deposited: DepositedSource[]): RecognitionSourceFacts[] {
  const read = deposited.map((source) => ({ source, parsed: parse(source) }));
  const byDigest = new Map(read.map((entry) => [digestMultibase(entry.parsed.bytes), entry]));
  if (deposited.length !== decision.sources.length) throw CreditBankError.recognitionSourcesMismatch(decision.sources.map((s) => s.digest));
  return decision.sources.map((use) => {
    const found = byDigest.get(use.digest);
    if (!found) throw CreditBankError.recognitionSourcesMismatch([use.digest]);
    const { source, parsed } = found;
    const { credential } = parsed;
    const achievement = (credential.credentialSubject as { achievement?: { id?: unknown; name?: unknown } } | undefined)?.achievement;
    return {
      // A credential without an id (VCDM makes it optional) is named by its digest.
      id: typeof credential.id === 'string' ? credential.id : `urn:digest:${use.digest}`,
      name:
        typeof credential.name === 'string'
          ? credential.name
          : typeof achievement?.name === 'string'
            ? achievement.name
            : 'Source credential',
      format: parsed.format,
      bytes: parsed.bytes,
      mediaType: SOURCE_MEDIA_TYPES[parsed.format],
      issuer: parsed.issuer,
      ...(typeof achievement?.id === 'string' ? { achievementId: achievement.id } : {}),
      ...(use.credits ? { credits: use.credits } : {}),
      ...(use.convertedCredits !== undefined ? { convertedCredits: use.convertedCredits } : {}),
      ...(use.grade ? { grade: use.grade } : {}),
      verifiedAt: source.verifiedAt,
      checks: source.checks,
    };
  });
}

/** The deposited bytes as the verification library reads them: the same canonical bytes, digest and issuer a verifier finds. */
function parse(source: DepositedSource): ParsedCredential {
  let input: unknown = source.bytes;
  if (source.format === 'ldp_vc') {
    try {
      input = JSON.parse(source.bytes);
    } catch {
      throw CreditBankError.recognitionSourceUnreadable('its bytes are not JSON');
    }
  }
  const { parsed, outcome } = checkFormat(input);
  if (!parsed) throw CreditBankError.recognitionSourceUnreadable(outcome.reason?.message ?? 'its format is not recognised');
  return parsed;
}
