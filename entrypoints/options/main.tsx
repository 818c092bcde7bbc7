import { createRoot } from 'react-dom/client';
import '@/components/theme.css';
import { OptionsRoot } from '@/components/options/OptionsRoot';
import { localizeDocument } from '@/lib/i18n/t';
import { startOptions } from '@/lib/panel/options';

localizeDocument(document, 'options_title');
createRoot(document.getElementById('root')!).render(<OptionsRoot />);
void startOptions();
