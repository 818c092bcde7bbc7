import { type DragEvent, useId, useState } from 'react';
import { t } from '@/lib/i18n/t';

interface Props {
  busy: boolean;
  onFiles: (files: File[]) => void;
}

/** Drop any number of agents' export files here, or pick them; nothing leaves this page. */
export function FileDrop({ busy, onFiles }: Props) {
  const id = useId();
  const [over, setOver] = useState(false);
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    onFiles([...e.dataTransfer.files]);
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the drop zone is a convenience; the file input inside is the accessible way.
    <div
      className={`team-drop${over ? ' team-drop-over' : ''}`}
      data-testid="team-drop"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <p>{t('team_drop')}</p>
      <label htmlFor={`${id}-files`}>{t('team_chooseFiles')}</label>{' '}
      <input
        id={`${id}-files`}
        type="file"
        multiple
        accept=".csv,.jsonl,.ndjson,.json,text/csv,application/x-ndjson"
        disabled={busy}
        data-testid="team-files"
        onChange={(e) => {
          onFiles([...(e.target.files ?? [])]);
          e.target.value = '';
        }}
      />
    </div>
  );
}
