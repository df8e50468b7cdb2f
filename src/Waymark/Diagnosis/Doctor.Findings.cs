using Waymark.Execution;
using Waymark.Schema;

namespace Waymark.Diagnosis;

public sealed partial class Doctor
{
    private DoctorReport Diagnose(LiveDatabase live, ChainReplay replay)
    {
        var schema = WithoutDrift(live.Schema, replay, out var drift);

        // Only revisions whose tables are (nearly) the live tables can match or be nearest: comparing the
        // live schema in full with every revision's would make the doctor quadratic in the chain's length.
        var liveTables = schema.Tables.Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var distances = replay.Schemas.Select(s => TableDistance(s.Schema, liveTables)).ToList();
        var closest = distances.Min();
        var candidates = replay.Schemas
            .Select((s, order) => (Schema: s, Order: order))
            .Where(c => distances[c.Order] == closest)
            .Select(c => (c.Schema, c.Order, Differences: _comparer.Compare(c.Schema.Schema, schema)))
            .Select(c => (c.Schema, c.Order, c.Differences, Level: SchemaComparer.LevelOf(c.Differences)))
            .ToList();
        var recordedSet = live.Recorded?.ToHashSet(StringComparer.Ordinal) ?? [];
        bool IsRecorded(RevisionSchema s) => recordedSet.SetEquals(s.Versions);
        var best = candidates
            .Where(c => c.Level != MatchLevel.None)
            .OrderByDescending(c => c.Level)
            .ThenBy(c => c.Differences.Count)
            // Revisions that change no schema (data migrations) look alike: prefer what is recorded, else the newest.
            .ThenByDescending(c => IsRecorded(c.Schema))
            .ThenByDescending(c => c.Order)
            .FirstOrDefault();
        var nearest = best.Schema is not null ? best : candidates
            .OrderBy(c => c.Differences.Count(d => !d.IsMinor))
            .ThenBy(c => c.Differences.Count)
            .ThenByDescending(c => c.Order)
            .First();
        var match = best.Schema;

        var findings = new List<Finding>();
        if (_graph.Heads.Count > 1)
            findings.Add(new Finding("several-heads", FindingSeverity.Warning,
                $"The migration scripts have several heads ({string.Join(", ", _graph.Heads)}): branches that were never joined. " +
                $"'upgrade head' refuses to guess between them.",
                "db merge -m \"merge heads\""));
        findings.AddRange(VersionRecordFindings(live.Recorded, match, best.Level, nearest.Schema, nearest.Differences, drift));
        if (drift.Count > 0)
            findings.Add(new Finding("drift", FindingSeverity.Warning,
                $"Tables that no revision creates: {string.Join(", ", drift)}. They were made outside the migrations (by hand, " +
                $"another application, an ORM); Waymark leaves them alone. Put them in a revision, or drop them, once you know whose they are."));
        if (match is not null && best.Level == MatchLevel.Equivalent)
            findings.Add(new Finding("equivalent-schema", FindingSeverity.Info,
                $"The schema is equivalent to {match.Label}, not identical: it was probably made outside migrations. " +
                $"Differences that do not matter to the chain: {string.Join("; ", best.Differences)}."));
        foreach (var (revision, applied) in live.Checksums)
        {
            if (replay.Checksums.TryGetValue(revision, out var now) && !string.Equals(applied.Sql, now, StringComparison.Ordinal))
                findings.Add(ChecksumFinding(revision, applied, now, replay.OperationsChecksums[revision]));
        }

        var ordered = findings.OrderByDescending(f => f.Severity).ToList();
        return new DoctorReport(_live.DisplayName, live.Recorded, match, match is null ? MatchLevel.None : best.Level,
            match is null ? nearest.Schema : null, match is null ? nearest.Differences : best.Differences, ordered, Next(ordered, match));
    }

    /// <summary>Tables no revision ever creates are drift: reported, and left out of the matching.</summary>
    private static SchemaSnapshot WithoutDrift(SchemaSnapshot live, ChainReplay replay, out List<string> drift)
    {
        var known = replay.Schemas.SelectMany(s => s.Schema.Tables).Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        drift = [.. live.Tables.Where(t => !known.Contains(t.Name)).Select(t => t.Name)];
        return live.Without(drift);
    }

    /// <summary>The report with "matches no revision" told precisely: which revision was applied in part, and how far.</summary>
    private DoctorReport WithPartialRevision(DoctorReport report, PartialRevision partial)
    {
        var revision = _graph.Get(partial.Revision);
        static string List(IEnumerable<OperationCheck> checks) => checks.Any() ? string.Join("; ", checks) : "none";
        var unverified = partial.CannotBeVerified.ToList();
        var message =
            $"Revision {revision.Id} ({revision.FileName}) was applied in part: the version record says {Describe(partial.Recorded)}, " +
            $"and {partial.Present.Count()} of its {partial.Operations.Count} statements have left their change in the schema " +
            "(a revision run statement by statement that stopped, or a hand-run script). " +
            $"Present: {List(partial.Present)}. Missing: {List(partial.Missing)}." +
            (unverified.Count > 0 ? $" Cannot be verified (they leave no trace in a schema): {List(unverified)}." : "") +
            $" Either complete it (a script that runs only the missing statements, " +
            $"then records {revision.Id}) or undo the applied part back to {Describe(partial.Recorded)}" +
            (partial.UndoScript is null ? $" (no undo script: {partial.UndoUnavailable})" : " (a second script)") +
            ". 'db doctor --scripts DIR' writes them; apply one by hand as the README applies offline scripts, then run 'db doctor' again.";
        var finding = new Finding(
            "revision-applied-in-part", FindingSeverity.Error, message, "db doctor --scripts DIR, then apply one script by hand");
        return report with
        {
            Findings = [.. report.Findings.Select(f => f.Code == "schema-matches-no-revision" ? finding : f)],
            Next = $"Write the scripts with 'db doctor --scripts DIR', " +
                $"apply {revision.Id}-complete.sql{(partial.UndoScript is null ? "" : $" or {revision.Id}-undo.sql")} with sqlite3 or psql, " +
                $"then run 'db doctor' again.",
            PartiallyApplied = partial,
        };
    }

    /// <summary>
    /// The SQL of an applied revision differs from what it makes now: the migration was edited, unless its operations are the
    /// same and another Waymark wrote the SQL (a new version may write the same operations differently).
    /// </summary>
    private Finding ChecksumFinding(string revision, AppliedChecksum applied, string now, string operationsNow)
    {
        var file = _graph.Get(revision).FileName;
        if (string.Equals(applied.Operations, operationsNow, StringComparison.Ordinal) && applied.WaymarkVersion is { } then
            && !string.Equals(then, WaymarkVersion.Current, StringComparison.Ordinal))
            return new Finding("sql-changed-by-waymark", FindingSeverity.Info,
                $"SQL changed by Waymark {then} -> {WaymarkVersion.Current}, the migration itself is unchanged: revision {revision} ({file}) " +
                $"has the same operations as when it was applied here, and only the SQL Waymark writes for them differs (checksum " +
                $"{Short(applied.Sql)} then, {Short(now)} now). Nothing to do about it.");
        return new Finding("migration-changed", FindingSeverity.Warning,
            $"The migration of revision {revision} ({file}) has changed since it was applied here (checksum " +
            $"{Short(applied.Sql)} then, {Short(now)} now). An applied revision must not be edited: other databases already ran the old one. " +
            $"Restore it and put the change in a new revision.");
    }

    private static string Short(string checksum) => checksum.Length > 12 ? checksum[..12] + "…" : checksum;

    /// <summary>How many tables one schema has that the other has not.</summary>
    private static int TableDistance(SchemaSnapshot expected, HashSet<string> liveTables)
    {
        var shared = expected.Tables.Count(t => liveTables.Contains(t.Name));
        return expected.Tables.Count - shared + (liveTables.Count - shared);
    }

    private IEnumerable<Finding> VersionRecordFindings(IReadOnlyList<string>? recorded, RevisionSchema? match, MatchLevel level,
        RevisionSchema nearest, IReadOnlyList<SchemaDifference> nearestDifferences, List<string> drift)
    {
        var record = Describe(recorded);
        if (match is null)
        {
            var shown = nearestDifferences.Where(d => !d.IsMinor).Take(12).ToList();
            yield return new Finding("schema-matches-no-revision", FindingSeverity.Error,
                $"The schema matches no revision of the chain (the version record says {record}). The nearest is {nearest.Label}, " +
                $"from which it differs in: " +
                $"{string.Join("; ", shown)}{(nearestDifferences.Count(d => !d.IsMinor) > shown.Count ? "; …" : "")}. " +
                "A migration may have been applied in part, or the schema changed by hand. " +
                "Repair the schema to match a revision (see docs/troubleshooting.md); no version record would be true until then.");
            yield break;
        }
        var target = match.Label;
        var stamp = match.Versions.Count == 0 ? "db stamp base" : $"db stamp {string.Join(" ", match.Versions)}";
        var how = level == MatchLevel.Exact ? "exactly" : "equivalently";
        if (recorded is null || recorded.Count == 0)
        {
            if (match.Versions.Count == 0)
                yield break;
            yield return new Finding("no-version-record", FindingSeverity.Error,
                $"There is no version record ({(recorded is null ? "no version table" : "the version table is empty")}), but the schema is {how} " +
                $"that of {target}: the tables were made without migrations (an ORM's create-all, a script) or the record was lost. " +
                $"An upgrade would try to create them again. Record where it is.", stamp, match.Versions);
            yield break;
        }
        var unknown = recorded.Where(r => !_graph.Contains(r)).ToList();
        if (unknown.Count > 0 && drift.Count > 0)
        {
            // Tables no script knows beside a revision no script knows: most likely a newer release migrated
            // this database. Stamping it back would make that release re-create what exists: not a safe fix.
            yield return new Finding("unknown-recorded-revision", FindingSeverity.Error,
                $"The version record names {string.Join(", ", unknown)}, which no migration script declares, " +
                $"and the database has tables no script creates ({string.Join(", ", drift)}): " +
                $"a newer version of the application has probably migrated it. Deploy that version (or downgrade with it) instead of changing the " +
                $"record. Apart from those tables the schema is {how} that of {target}.",
                $"{stamp} --force, only if you are sure no newer release migrated this database");
            yield break;
        }
        if (unknown.Count > 0)
        {
            yield return new Finding("unknown-recorded-revision", FindingSeverity.Error,
                $"The version record names {string.Join(", ", unknown)}, which no migration script declares (a script renamed or removed, " +
                $"or a database migrated by another version of the application). " +
                $"The schema is {how} that of {target}.", stamp, match.Versions);
            yield break;
        }
        var recordedSet = recorded.ToHashSet(StringComparer.Ordinal);
        if (recordedSet.SetEquals(match.Versions))
            yield break;
        if (recorded.FirstOrDefault(r => recorded.Any(o => o != r && _graph.AncestorsOf([o]).Contains(r))) is { } implied)
        {
            yield return new Finding("inconsistent-version-record", FindingSeverity.Error,
                $"The version record has the rows {record}, but {implied} is an ancestor of another of them, " +
                $"so they cannot all be current heads (the table was edited by hand). The schema is {how} that of {target}.",
                stamp, match.Versions);
            yield break;
        }

        var recordedClosure = _graph.AncestorsOf(recorded);
        var matchClosure = _graph.AncestorsOf(match.Versions);
        if (matchClosure.IsSupersetOf(recordedClosure))
        {
            var unrecorded = _graph.Ordered(matchClosure.Except(recordedClosure));
            yield return new Finding("recorded-behind-schema", FindingSeverity.Error,
                $"The version record says {record}, but the schema is already {how} that of {target}: {string.Join(", ", unrecorded)} " +
                $"{(unrecorded.Count == 1 ? "was" : "were")} applied (or {(unrecorded.Count == 1 ? "its" : "their")} tables made) without being " +
                $"recorded. An upgrade would fail on objects that already exist.",
                stamp, match.Versions);
        }
        else if (recordedClosure.IsSupersetOf(matchClosure))
        {
            var missing = _graph.Ordered(recordedClosure.Except(matchClosure));
            yield return new Finding("recorded-ahead-of-schema", FindingSeverity.Error,
                $"The version record says {record}, but the objects of {string.Join(", ", missing)} are missing: " +
                $"the schema is {how} that of {target}. " +
                $"Record where it really is, then upgrade to create what is missing.", $"{stamp}, then db upgrade", match.Versions);
        }
        else
        {
            yield return new Finding("recorded-elsewhere", FindingSeverity.Error,
                $"The version record says {record}, but the schema is {how} that of {target}, on another branch of the chain.", stamp,
                match.Versions);
        }
    }

    private string Next(IReadOnlyList<Finding> findings, RevisionSchema? match)
    {
        if (findings.FirstOrDefault(f => f.IsSafeFix) is { } fix)
            return $"Run 'db doctor --fix' to apply the safe fix ({fix.Fix}); it only rewrites the version record.";
        if (findings.Any(f => f.Severity == FindingSeverity.Error))
            return "Resolve the errors above by hand (docs/troubleshooting.md says how), then run 'db doctor' again.";
        if (match is not null && !match.Versions.ToHashSet().SetEquals(_graph.Heads))
        {
            var pending = _graph.Revisions.Count(r => !_graph.AncestorsOf(match.Versions).Contains(r.Id));
            return $"Run '{(_graph.Heads.Count > 1 ? "db upgrade heads" : "db upgrade")}' to apply the {pending} pending revision(s).";
        }
        return findings.Any(f => f.Severity == FindingSeverity.Warning)
            ? "The version record is right; look at the warnings above."
            : "Nothing to do: the database is at head and its schema is what the migrations make.";
    }
}
