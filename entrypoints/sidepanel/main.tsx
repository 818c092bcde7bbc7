import { createRoot } from 'react-dom/client';
import { PanelApp } from '@/components/panel/PanelApp';
import '@/components/theme.css';
import { usePanelView } from '@/components/panel/use-panel-view';
import { localizeDocument } from '@/lib/i18n/t';
import { startPanelSession } from '@/lib/panel/start';

function Root() {
  const props = usePanelView();
  return <PanelApp {...props} />;
}

localizeDocument(document);
createRoot(document.getElementById('root')!).render(<Root />);
void startPanelSession();
