/** The options page: settings, policy, logs and metrics. Sections are added by their domains. */
export function OptionsApp() {
  return (
    <main className="panel" aria-label="Deskmate settings">
      <h1>Deskmate settings</h1>
    </main>
  );
}
