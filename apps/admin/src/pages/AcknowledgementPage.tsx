// Kvittering: the school owner's link from a serious-case or § 12-5 notice. The token in the
// address is the credential, so no login; the page shows no names — a case number, the school
// and when the notice was sent — and one button. The first click counts.
import { useEffect, useState } from 'react';
import { acknowledgementView } from '@trygg/contracts';
import type { z } from 'zod';
import { useApi } from '../api';
import { ErrorMessage, Loading, Notice, PageHeading } from '../components';
import { toProblem, type ApiProblem } from '../errors';
import { formatOsloDateTime } from '../format';
import { useI18n } from '../i18n';
import { useTitle } from '../router';

type Ack = z.infer<typeof acknowledgementView>;

/** A token the API cannot know (400) or does not know (404): the same plain message. */
const isUnknownToken = (problem: ApiProblem) => problem.status === 404 || problem.status === 400;

export function AcknowledgementPage({ token }: { token: string }) {
  const { t, lang } = useI18n();
  const api = useApi();
  useTitle(t.ackTitle);
  const [ack, setAck] = useState<Ack | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const path = `/api/acknowledgements/${encodeURIComponent(token)}`;

  useEffect(() => {
    const controller = new AbortController();
    setProblem(null);
    api
      .get(path, acknowledgementView, { signal: controller.signal, allowUnauthenticated: true })
      .then(setAck)
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setProblem(toProblem(error));
      });
    return () => controller.abort();
  }, [api, path, attempt]);

  const acknowledge = async () => {
    setBusy(true);
    setProblem(null);
    try {
      setAck(await api.post(path, {}, acknowledgementView, { allowUnauthenticated: true }));
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  if (problem && isUnknownToken(problem)) {
    return (
      <div className="narrow">
        <PageHeading>{t.ackUnknown}</PageHeading>
        <p>{t.ackUnknownText}</p>
      </div>
    );
  }

  const about = ack?.about === 'serious' ? t.ackAboutSerious : ack?.about === 's12_5' ? t.ackAboutS125 : t.ackAboutUnknown;
  return (
    <div className="narrow">
      <PageHeading>{t.ackTitle}</PageHeading>
      <p>{t.ackIntro}</p>
      {problem && <ErrorMessage problem={problem} onRetry={ack ? undefined : () => setAttempt((n) => n + 1)} />}
      {!ack && !problem && <Loading />}
      {ack && (
        <>
          <h2>{about}</h2>
          <dl className="facts">
            <dt>{t.ackCase}</dt>
            <dd>{ack.caseNumber ?? '–'}</dd>
            <dt>{t.ackSchool}</dt>
            <dd>{ack.schoolName ?? '–'}</dd>
            <dt>{t.ackSent}</dt>
            <dd>{ack.sentAt ? formatOsloDateTime(ack.sentAt, lang) : t.notYet}</dd>
          </dl>
          {ack.acknowledgedAt ? (
            <Notice>{t.ackDone(formatOsloDateTime(ack.acknowledgedAt, lang))}</Notice>
          ) : (
            <button type="button" className="primary" onClick={() => void acknowledge()} disabled={busy}>
              {busy ? t.sending : t.ackSubmit}
            </button>
          )}
        </>
      )}
    </div>
  );
}
