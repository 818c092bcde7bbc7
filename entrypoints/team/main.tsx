import { createRoot } from 'react-dom/client';
import '@/components/theme.css';
import { TeamPage } from '@/components/team/TeamPage';

createRoot(document.getElementById('root')!).render(<TeamPage />);
