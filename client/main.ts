const status = document.querySelector<HTMLParagraphElement>('#health');

async function showHealth(): Promise<void> {
  if (!status) return;
  try {
    const res = await fetch('/api/health');
    const body = (await res.json()) as { database: { reachable: boolean; version?: string }; counts?: { candidates: number } };
    status.textContent = body.database.reachable
      ? `Neo4j ${body.database.version ?? ''} reachable; ${body.counts?.candidates ?? 0} candidates.`
      : 'The database is unreachable.';
  } catch {
    status.textContent = 'The server is unreachable.';
  }
}

void showHealth();
