import { createRoot } from 'react-dom/client';
import { PanelApp } from '@/components/panel/PanelApp';
import '@/components/theme.css';
import { startPanelSession } from '@/lib/panel/start';
import { usePanelView } from '@/lib/panel/use-panel-view';

function Root() {
  const props = usePanelView();
  return <PanelApp {...props} />;
}

createRoot(document.getElementById('root')!).render(<Root />);
void startPanelSession();
