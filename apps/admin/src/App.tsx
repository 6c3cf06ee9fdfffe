import { useEffect, useState } from 'react';

export function App() {
  const [health, setHealth] = useState<'laster' | 'ok' | 'feil'>('laster');
  useEffect(() => {
    fetch('/api/health')
      .then((res) => setHealth(res.ok ? 'ok' : 'feil'))
      .catch(() => setHealth('feil'));
  }, []);
  return (
    <main>
      <h1>trygg</h1>
      <p>Aktivitetsplikten, med frister som ikke glipper.</p>
      <p role="status">Tjenesten: {health === 'laster' ? 'sjekker …' : health === 'ok' ? 'kjører' : 'svarer ikke'}</p>
    </main>
  );
}
