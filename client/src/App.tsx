import { useEffect, useState } from 'react';
import { Home } from './home/Home.tsx';
import { OperatorPage } from './operator-pages/OperatorPage.tsx';
import { operatorPageAt } from './operator-pages/paths.ts';
import { parseSessionLink } from './session-link.ts';
import { SessionGate } from './SessionGate.tsx';

// Routing by path: "/" creates a workshop, "/s/<id>#t=<token>" opens it in the
// role its token grants, "/datenschutz" and the like show the operator's pages.
export function App() {
  const [location, setLocation] = useState(() => ({ path: window.location.pathname, hash: window.location.hash }));
  useEffect(() => {
    const update = () => setLocation({ path: window.location.pathname, hash: window.location.hash });
    window.addEventListener('popstate', update);
    window.addEventListener('hashchange', update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener('hashchange', update);
    };
  }, []);
  const link = parseSessionLink(location.path, location.hash);
  if (link) return <SessionGate link={link} />;
  const operatorPage = operatorPageAt(location.path);
  if (operatorPage) return <OperatorPage page={operatorPage} />;
  return <Home />;
}
