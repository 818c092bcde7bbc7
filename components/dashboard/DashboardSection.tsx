import { Dashboard } from '@/components/dashboard/Dashboard';
import { useDashboard } from '@/components/dashboard/use-dashboard';

/** The options page's "Dashboard" section, wired to the dashboard store (records from Dexie). */
export function DashboardSection() {
  return <Dashboard {...useDashboard()} />;
}
