import { useMutation, useQueryClient } from '@tanstack/react-query';
import { problemsByField, useProblemText } from '../../../fields';
import { useConference } from '../context';
import { pointsKey } from './pointsApi';

/**
 * A change to the conference's points: on success the tree, the searches and the counts are read
 * again (and the conference list's counts), so what the organizer sees is what the server has.
 * `fieldError(name)` is the API's problem at that field, in the user's language.
 */
export function usePointMutation<T, B>(send: (body: B) => Promise<T>, onDone?: (result: T) => void) {
  const client = useQueryClient();
  const conference = useConference();
  const problemText = useProblemText();
  const mutation = useMutation({
    mutationFn: send,
    onSuccess: async (result) => {
      await client.invalidateQueries({ queryKey: pointsKey(conference.id) });
      void client.invalidateQueries({ queryKey: ['conference-summaries'] });
      onDone?.(result);
    },
  });
  const problems = problemsByField(mutation.error);
  const fieldError = (field: string) => {
    const problem = problems.get(field);
    return problem ? problemText(problem) : undefined;
  };
  return { mutation, fieldError, hasFieldErrors: problems.size > 0 };
}
