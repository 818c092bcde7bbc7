import { createRoot } from 'react-dom/client';
import { PanelApp } from '@/components/panel/PanelApp';
import '@/components/theme.css';
import { startPanel, usePanel } from '@/lib/panel/store';

function Root() {
  const state = usePanel();
  return (
    <PanelApp
      context={state.context}
      contextError={state.contextError}
      backgroundVersion={state.backgroundVersion}
    />
  );
}

createRoot(document.getElementById('root')!).render(<Root />);
void startPanel();
