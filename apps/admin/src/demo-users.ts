// The demo world's people (tools/demo/world.ts), for the development login's quick picks. They
// exist only when the database holds the demo data (`npm start` seeds it); any other address
// can be typed in. Addresses are under demo.trygg.test, a reserved domain that reaches no one.
export interface DemoUser {
  email: string;
  name: string;
  /** Job title and school, as the login list shows it (Bokmål and Nynorsk read the same here). */
  title: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'rektor@bjorkly.demo.trygg.test', name: 'Ingrid Solberg', title: 'rektor, Bjørkly skole' },
  { email: 'avdelingsleder@bjorkly.demo.trygg.test', name: 'Thomas Haugen', title: 'avdelingsleder, Bjørkly skole' },
  { email: 'kari.nilsen@bjorkly.demo.trygg.test', name: 'Kari Nilsen', title: 'kontaktlærer 1. trinn, Bjørkly skole' },
  { email: 'sfo@bjorkly.demo.trygg.test', name: 'Sofie Lunde', title: 'SFO-baseleder, Bjørkly skole' },
  { email: 'rektor@fjellstad.demo.trygg.test', name: 'Erik Johansen', title: 'rektor, Fjellstad ungdomsskole' },
  { email: 'sander.jakobsen@fjellstad.demo.trygg.test', name: 'Sander Jakobsen', title: 'kontaktlærer 10B, Fjellstad ungdomsskole' },
  { email: 'kommunalsjef@eikvik.demo.trygg.test', name: 'Randi Fosse', title: 'kommunalsjef oppvekst, Eikvik kommune (skoleeier)' },
  { email: 'drift@demo.trygg.test', name: 'Tor Ødegård', title: 'driftsansvarlig (administrator)' },
];
