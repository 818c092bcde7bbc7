import { useEffect, useState } from 'react';
import { type LearnedOutputMode, learnedOutputMode, onOutputModesChanged } from '@/lib/llm/output-mode';

/**
 * The structured-output mode remembered for this endpoint and model (options page), kept live while a
 * suggestion elsewhere learns a new one. Apart from output-mode.ts so the background does not bundle React.
 */
export function useLearnedOutputMode(
  baseUrl: string | undefined,
  model: string,
): LearnedOutputMode | undefined {
  const [learned, setLearned] = useState<LearnedOutputMode | undefined>();
  useEffect(() => {
    if (!baseUrl) {
      setLearned(undefined);
      return;
    }
    let live = true;
    const load = () =>
      void learnedOutputMode(baseUrl, model).then(
        (found) => live && setLearned(found),
        () => live && setLearned(undefined),
      );
    load();
    const stop = onOutputModesChanged(load);
    return () => {
      live = false;
      stop();
    };
  }, [baseUrl, model]);
  return learned;
}
