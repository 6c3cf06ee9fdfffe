import { PageHeading } from '../components';
import { useI18n } from '../i18n';
import { Link, paths, useTitle } from '../router';

export function NotFoundPage() {
  const { t } = useI18n();
  useTitle(t.notFoundTitle);
  return (
    <>
      <PageHeading>{t.notFoundTitle}</PageHeading>
      <p>{t.notFoundText}</p>
      <p>
        <Link to={paths.cases()}>{t.goToCases}</Link>
      </p>
    </>
  );
}
