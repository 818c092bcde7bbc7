import { createRoot } from 'react-dom/client';
import '@/components/theme.css';
import { OptionsRoot } from '@/components/options/OptionsRoot';
import { startOptions } from '@/lib/panel/options';

createRoot(document.getElementById('root')!).render(<OptionsRoot />);
void startOptions();
