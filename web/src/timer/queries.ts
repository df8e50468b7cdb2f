import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { tracking, timerKeys, type StartTimer, type TimeEntry, type TimeEntryChange } from "./api";
import { addDays, type DateKey } from "./time";

/**
 * Tabs of the app tell each other that the timer or the entries changed, so that a timer started in one tab shows in
 * the others at once (the refetch on focus and on an interval covers a timer started by the API or another device).
 */
const channelName = "timetracker:timer";

interface TimerMessage {
  orgId: number;
  /** This page's mark: its own listener (another channel object of the same page) ignores what the page said itself. */
  sender: string;
}

const sender = Math.random().toString(36).slice(2);

function broadcast(orgId: number): void {
  if (typeof BroadcastChannel === "undefined") return;
  const channel = new BroadcastChannel(channelName);
  channel.postMessage({ orgId, sender } satisfies TimerMessage);
  channel.close();
}

function refresh(client: QueryClient, orgId: number): void {
  void client.invalidateQueries({ queryKey: timerKeys.timer(orgId) });
  void client.invalidateQueries({ queryKey: timerKeys.entries(orgId) });
}

/** Refetches the timer and the entries when another tab of the app changes them. */
export function useTimerSync(orgId: number): void {
  const client = useQueryClient();
  useEffect(() => {
    if (typeof BroadcastChannel === "undefined") return;
    const channel = new BroadcastChannel(channelName);
    channel.onmessage = (event: MessageEvent<TimerMessage>) => {
      if (event.data?.orgId === orgId && event.data.sender !== sender) refresh(client, orgId);
    };
    return () => channel.close();
  }, [client, orgId]);
}

/** How often the bar asks the server whether a timer runs, besides on focus and on another tab's word. */
export const timerPollMs = 60_000;

/** The person's running timer in the organization (null when none runs), as the server knows it. */
export const runningTimerQuery = (orgId: number) =>
  queryOptions({
    queryKey: timerKeys.timer(orgId),
    queryFn: () => tracking.timer(orgId),
    enabled: Number.isFinite(orgId),
    staleTime: 5_000,
    refetchOnWindowFocus: "always",
    refetchInterval: timerPollMs,
  });

export function useRunningTimer(orgId: number) {
  return useQuery(runningTimerQuery(orgId));
}

/** Start and stop run one after another (a stop pressed before its start is confirmed waits for it), optimistically. */
const timerScope = (orgId: number) => ({ id: `timer-${orgId}` });

/** A running entry as the page shows it before the server confirms it; negative ids are never sent anywhere. */
export function optimisticEntry(body: StartTimer, now: Date): TimeEntry {
  const at = now.toISOString();
  return {
    id: -now.getTime(),
    userId: 0,
    projectId: body.projectId ?? null,
    taskId: body.taskId ?? null,
    description: body.description?.trim() || null,
    startedAt: at,
    endedAt: null,
    durationSeconds: null,
    billable: body.billable ?? body.projectId != null,
    source: "timer",
    tags: body.tags ?? [],
    lockedAt: null,
    invoiceId: null,
    autoStopped: false,
    createdAt: at,
    updatedAt: at,
    isRunning: true,
  };
}

/** Whether the entry is the page's guess, not yet confirmed by the server. */
export const isOptimistic = (entry: TimeEntry) => entry.id < 0;

/** Starts a timer: the bar shows it running at once; the server's entry replaces the guess, or a refusal rolls it back. */
export function useStartTimer(orgId: number) {
  return useStarting(orgId, (body: StartTimer) => tracking.start(orgId, body), (body) => body);
}

/** Continues an entry (`POST …/continue`): the timer starts with its details, shown at once as `useStartTimer` does. */
export function useContinueEntry(orgId: number) {
  return useStarting(
    orgId,
    (entry: TimeEntry) => tracking.continue(orgId, entry.id),
    (entry) => ({ description: entry.description, projectId: entry.projectId, taskId: entry.taskId, billable: entry.billable, tags: entry.tags }),
  );
}

function useStarting<T>(orgId: number, send: (value: T) => Promise<TimeEntry>, guessOf: (value: T) => StartTimer) {
  const client = useQueryClient();
  const key = timerKeys.timer(orgId);
  return useMutation({
    scope: timerScope(orgId),
    mutationFn: send,
    onMutate: (value: T) => {
      void client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<TimeEntry | null>(key) ?? null;
      const guess = optimisticEntry(guessOf(value), new Date());
      client.setQueryData<TimeEntry | null>(key, guess);
      return { previous, guess };
    },
    // The answer replaces the guess only while the bar still shows it: a stop pressed meanwhile has the last word.
    onError: (_error, _value, context) => {
      if (client.getQueryData<TimeEntry | null>(key)?.id === context?.guess.id) client.setQueryData<TimeEntry | null>(key, context?.previous ?? null);
      void client.invalidateQueries({ queryKey: key });
    },
    onSuccess: (entry, _value, context) => {
      if (client.getQueryData<TimeEntry | null>(key)?.id === context.guess.id) client.setQueryData<TimeEntry | null>(key, entry);
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: timerKeys.entries(orgId) });
      broadcast(orgId);
    },
  });
}

/** Stops the running timer: the bar shows it stopped at once; a refusal puts it back. */
export function useStopTimer(orgId: number) {
  const client = useQueryClient();
  const key = timerKeys.timer(orgId);
  return useMutation({
    scope: timerScope(orgId),
    mutationFn: () => tracking.stop(orgId),
    onMutate: () => {
      void client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<TimeEntry | null>(key) ?? null;
      client.setQueryData<TimeEntry | null>(key, null);
      return { previous };
    },
    // A refusal puts the timer back, unless a start pressed meanwhile shows another one.
    onError: (_error, _body, context) => {
      if (client.getQueryData<TimeEntry | null>(key) === null) client.setQueryData<TimeEntry | null>(key, context?.previous ?? null);
      void client.invalidateQueries({ queryKey: key });
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: timerKeys.entries(orgId) });
      broadcast(orgId);
    },
  });
}

/** Changes an entry (the running one too); the timer and the lists take the server's answer. */
export function useUpdateEntry(orgId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: number; change: TimeEntryChange }) => tracking.update(orgId, id, change),
    onSuccess: (entry) => {
      const key = timerKeys.timer(orgId);
      if (client.getQueryData<TimeEntry | null>(key)?.id === entry.id) client.setQueryData<TimeEntry | null>(key, entry.endedAt === null ? entry : null);
      void client.invalidateQueries({ queryKey: timerKeys.entries(orgId) });
      broadcast(orgId);
    },
  });
}

/** Tells the other tabs and this one's lists that entries changed (after a create or a delete). */
export function useEntriesChanged(orgId: number) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: timerKeys.entries(orgId) });
    broadcast(orgId);
  };
}

export function useMe() {
  return useQuery({ queryKey: timerKeys.me, queryFn: () => tracking.me(), staleTime: 60_000 });
}

/** The organization's projects by name, archived ones included (pickers offer those only where already chosen). */
export const projectsQuery = (orgId: number) =>
  queryOptions({ queryKey: timerKeys.projects(orgId), queryFn: () => tracking.projects(orgId), enabled: Number.isFinite(orgId) });

export function useProjects(orgId: number) {
  return useQuery(projectsQuery(orgId));
}

/** The person's entries of the week that starts on `monday`, as My time lists them. */
export const weekQuery = (orgId: number, userId: number, monday: DateKey) =>
  queryOptions({ queryKey: timerKeys.week(orgId, userId, monday), queryFn: () => tracking.entries(orgId, userId, monday, addDays(monday, 6)) });

export function useTasks(orgId: number, projectId: number | null) {
  return useQuery({
    queryKey: timerKeys.tasks(orgId, projectId ?? 0),
    queryFn: () => tracking.tasks(orgId, projectId ?? 0),
    enabled: projectId !== null && Number.isFinite(orgId),
  });
}
