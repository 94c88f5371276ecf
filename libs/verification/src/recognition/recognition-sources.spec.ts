import { CONTEXT_URLS } from '#schemas';
import {
  citedSources,
  type GivenSource,
  isRecognition,
  recognitionReport,
  recognitionReportAmong,
  type SourceVerification,
  verdictWithSources,
} from './recognition-sources.js';

const A = { id: 'urn:uuid:aaaaaaaa-0000-4000-8000-000000000001', digestMultibase: 'uEiAaaaa', mediaType: 'application/jwt' };
const B = { id: 'urn:uuid:bbbbbbbb-0000-4000-8000-000000000002', digestMultibase: 'uEiBbbbb', mediaType: 'application/vc' };

const recognition = () => ({
  '@context': [CONTEXT_URLS.credentialsV2, CONTEXT_URLS.recognitionV1],
  evidence: [
    { id: A.id, name: 'Databases I' },
    { id: B.id, name: 'Databases II' },
  ],
  relatedResource: [A, B, { id: 'https://example.org/syllabus.pdf', digestSRI: 'sha384-abc' }],
});

const verified: SourceVerification = { verdict: 'verified', checks: [{ check: 'signature', status: 'valid' }] };
const revoked: SourceVerification = {
  verdict: 'failed',
  checks: [{ check: 'status', status: 'invalid', reason: { code: 'CREDENTIAL_REVOKED', message: 'revoked' } }],
};
const unreachable: SourceVerification = {
  verdict: 'indeterminate',
  checks: [{ check: 'status', status: 'error', reason: { code: 'STATUS_LIST_UNAVAILABLE', message: 'down' } }],
};
const given = (digest: string | undefined, id: string | undefined, report = verified): GivenSource => ({ digest, id, report });
const codes = (report: ReturnType<typeof recognitionReport>) =>
  report.sources.map((s) => [s.cited?.id ?? `given ${s.given}`, s.status, s.reason?.code]);

describe('citedSources', () => {
  it('reads the related resources with a digestMultibase, named by the evidence with their id', () => {
    expect(citedSources(recognition())).toEqual([
      { ...A, name: 'Databases I' },
      { ...B, name: 'Databases II' },
    ]);
  });

  it('is a recognition sub-report for a credential that names the recognition context, or that was given sources', () => {
    expect(isRecognition(recognition(), [])).toBe(true);
    expect(isRecognition({ '@context': [CONTEXT_URLS.credentialsV2] }, [])).toBe(false);
    expect(isRecognition({ '@context': [CONTEXT_URLS.credentialsV2] }, ['eyJ...'])).toBe(true);
  });
});

describe('recognitionReport', () => {
  const cited = citedSources(recognition());

  it('holds each source given with its digest that verifies, whatever the order given', () => {
    const report = recognitionReport(cited, [given(B.digestMultibase, B.id), given(A.digestMultibase, A.id)], true);
    expect(codes(report)).toEqual([
      [A.id, 'valid', undefined],
      [B.id, 'valid', undefined],
    ]);
    expect(report.sources.map((s) => s.given)).toEqual([1, 0]);
    expect(verdictWithSources('verified', report)).toBe('verified');
  });

  it('only lists the citations when no source is given, and the verdict stays', () => {
    const report = recognitionReport(cited, [], true);
    expect(codes(report)).toEqual([
      [A.id, 'skipped', 'SOURCE_NOT_PROVIDED'],
      [B.id, 'skipped', 'SOURCE_NOT_PROVIDED'],
    ]);
    expect(verdictWithSources('verified', report)).toBe('verified');
  });

  it('fails a source given with its id and another digest (tampered), and one it does not cite (swapped)', () => {
    const report = recognitionReport(
      cited,
      [given('uEiTampered', A.id), given('uEiOther', 'urn:uuid:cccccccc-0000-4000-8000-000000000003')],
      true,
    );
    expect(codes(report)).toEqual([
      [A.id, 'invalid', 'SOURCE_DIGEST_MISMATCH'],
      [B.id, 'skipped', 'SOURCE_NOT_PROVIDED'],
      ['given 1', 'invalid', 'SOURCE_NOT_CITED'],
    ]);
    expect(verdictWithSources('verified', report)).toBe('failed');
  });

  it('fails with a revoked source, and is indeterminate with one whose status could not be read', () => {
    const failing = recognitionReport(cited, [given(A.digestMultibase, A.id, revoked)], true);
    expect(codes(failing)[0]).toEqual([A.id, 'invalid', 'SOURCE_NOT_VERIFIED']);
    expect(failing.sources[0].reason?.message).toContain('status: CREDENTIAL_REVOKED');
    expect(failing.sources[0].verification).toBe(revoked);
    expect(verdictWithSources('verified', failing)).toBe('failed');
    const unsure = recognitionReport(cited, [given(A.digestMultibase, A.id, unreachable)], true);
    expect(codes(unsure)[0]).toEqual([A.id, 'error', 'SOURCE_INDETERMINATE']);
    expect(verdictWithSources('verified', unsure)).toBe('indeterminate');
  });

  it('checks nothing while the recognition signature does not hold', () => {
    const report = recognitionReport(cited, [given(A.digestMultibase, A.id)], false);
    expect(codes(report)).toEqual([
      [A.id, 'skipped', 'SOURCES_NOT_CHECKED'],
      [B.id, 'skipped', 'SOURCES_NOT_CHECKED'],
    ]);
  });
});

describe('recognitionReportAmong', () => {
  it('takes the other credentials of a presentation as the sources, naming each by its place; the rest are not lines', () => {
    const presented = [
      given('uEiRecognition', 'urn:uuid:rrrrrrrr-0000-4000-8000-000000000009'),
      given('uEiUnrelated', 'urn:uuid:dddddddd-0000-4000-8000-000000000004'),
      given(B.digestMultibase, B.id, revoked),
      given(A.digestMultibase, A.id),
    ];
    const report = recognitionReportAmong(citedSources(recognition()), presented, 0, true);
    expect(report.sources.map((line) => [line.cited?.id, line.given, line.status, line.reason?.code])).toEqual([
      [A.id, 3, 'valid', undefined],
      [B.id, 2, 'invalid', 'SOURCE_NOT_VERIFIED'],
    ]);
    expect(report.sources.every((line) => !('verification' in line))).toBe(true);
  });

  it('never takes the recognition itself as one of its sources', () => {
    const cited = [{ id: 'urn:uuid:self', digestMultibase: 'uEiSelf' }];
    const report = recognitionReportAmong(cited, [given('uEiSelf', 'urn:uuid:self')], 0, true);
    expect(report.sources.map((line) => line.reason?.code)).toEqual(['SOURCE_NOT_PROVIDED']);
  });
});
