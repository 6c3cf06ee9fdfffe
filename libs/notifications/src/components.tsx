import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Section, Text } from '@react-email/components';
import type { CSSProperties, ReactElement } from 'react';
import type { Block, EmailView, Fact } from './view';

// Colours meet WCAG AA for normal text against their backgrounds (all ≥ 7:1 except the
// border, which carries no text): text #1f2937 and muted #4b5563 on white, white on #1e3a8a,
// #78350f on #fef3c7, #1e3a8a on #eff6ff.
const color = {
  page: '#f3f4f6',
  card: '#ffffff',
  text: '#1f2937',
  muted: '#4b5563',
  border: '#d1d5db',
  button: '#1e3a8a',
  warningBg: '#fef3c7',
  warningEdge: '#b45309',
  warningText: '#78350f',
  infoBg: '#eff6ff',
  infoEdge: '#1d4ed8',
  infoText: '#1e3a8a',
} as const;

const font = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

const s = {
  body: { backgroundColor: color.page, color: color.text, fontFamily: font, margin: 0, padding: '24px 0' },
  container: { backgroundColor: color.card, maxWidth: '600px', padding: '24px 32px', borderRadius: '6px' },
  brand: { color: color.muted, fontSize: '14px', fontWeight: 600, letterSpacing: '0.04em', margin: '0 0 8px' },
  h1: { color: color.text, fontSize: '22px', lineHeight: '30px', margin: '0 0 16px' },
  h2: { color: color.text, fontSize: '18px', lineHeight: '26px', margin: '28px 0 8px' },
  p: { color: color.text, fontSize: '16px', lineHeight: '24px', margin: '0 0 16px' },
  table: { borderCollapse: 'collapse', width: '100%', margin: '0 0 20px', fontSize: '15px', lineHeight: '22px' },
  caption: { color: color.muted, fontSize: '14px', fontWeight: 600, textAlign: 'left', padding: '0 0 4px' },
  th: {
    color: color.muted,
    fontWeight: 400,
    textAlign: 'left',
    verticalAlign: 'top',
    padding: '6px 12px 6px 0',
    borderTop: `1px solid ${color.border}`,
    width: '55%',
  },
  td: { color: color.text, fontWeight: 600, verticalAlign: 'top', padding: '6px 0', borderTop: `1px solid ${color.border}` },
  button: {
    backgroundColor: color.button,
    color: '#ffffff',
    fontSize: '16px',
    fontWeight: 600,
    textDecoration: 'none',
    padding: '12px 20px',
    borderRadius: '4px',
    display: 'inline-block',
  },
  actionRow: { margin: '4px 0 24px' },
  hr: { borderColor: color.border, margin: '24px 0 16px' },
  footer: { color: color.muted, fontSize: '13px', lineHeight: '20px', margin: '0 0 8px' },
} satisfies Record<string, CSSProperties>;

const noticeStyle = (tone: 'warning' | 'info'): CSSProperties => ({
  backgroundColor: tone === 'warning' ? color.warningBg : color.infoBg,
  borderLeft: `4px solid ${tone === 'warning' ? color.warningEdge : color.infoEdge}`,
  padding: '12px 16px',
  margin: '0 0 20px',
});

function Facts({ caption, facts }: { caption: string; facts: readonly Fact[] }): ReactElement {
  // A real data table (not role="presentation"): screen readers announce each value with its label.
  return (
    <table style={s.table}>
      <caption style={s.caption}>{caption}</caption>
      <tbody>
        {facts
          .filter((fact) => fact.value !== '')
          .map((fact) => (
          <tr key={fact.label}>
            <th scope="row" style={s.th}>
              {fact.label}
            </th>
            <td style={s.td}>{fact.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function BlockView({ block }: { block: Block }): ReactElement {
  switch (block.type) {
    case 'paragraph':
      return <Text style={s.p}>{block.text}</Text>;
    case 'facts':
      return <Facts caption={block.caption} facts={block.facts} />;
    case 'notice': {
      const textColor = block.tone === 'warning' ? color.warningText : color.infoText;
      return (
        <Section style={noticeStyle(block.tone)}>
          <Text style={{ ...s.p, color: textColor, margin: 0 }}>
            <strong>{block.title}</strong>
            <br />
            {block.text}
          </Text>
        </Section>
      );
    }
    case 'action':
      return (
        <Section style={s.actionRow}>
          <Button href={block.action.href} style={s.button}>
            {block.action.label}
          </Button>
        </Section>
      );
    case 'section':
      return (
        <Section>
          <Heading as="h2" style={s.h2}>
            {block.heading}
          </Heading>
          {block.blocks.map((inner, i) => (
            <BlockView key={i} block={inner} />
          ))}
        </Section>
      );
    default: {
      const unknown: never = block;
      throw new TypeError(`Unknown block ${JSON.stringify(unknown)}`);
    }
  }
}

/** The one layout every message uses: language on <html>, one h1, h2 per section. */
export function EmailDocument({ view }: { view: EmailView }): ReactElement {
  return (
    <Html lang={view.lang} dir="ltr">
      <Head>
        <title>{view.subject}</title>
        <meta name="color-scheme" content="light" />
      </Head>
      <Preview>{view.preview}</Preview>
      <Body style={s.body}>
        <Container style={s.container}>
          <Text style={s.brand}>trygg</Text>
          <Heading as="h1" style={s.h1}>
            {view.heading}
          </Heading>
          {view.blocks.map((block, i) => (
            <BlockView key={i} block={block} />
          ))}
          <Hr style={s.hr} />
          {view.footer.map((line) => (
            <Text key={line} style={s.footer}>
              {line}
            </Text>
          ))}
        </Container>
      </Body>
    </Html>
  );
}
