namespace TimeTracker.Database;

/// <summary>
/// What one statement of a <see cref="SqlBatch"/> gave back, to be read once the batch has run.
/// </summary>
internal sealed class BatchResult<T>
{
    private readonly Func<T> _value;

    /// <summary>A result read through <paramref name="value"/> (a known one needs no statement: <c>() => known</c>).</summary>
    internal BatchResult(Func<T> value) => _value = value;

    /// <summary>The statement's result.</summary>
    /// <exception cref="InvalidOperationException">The batch has not run (to the end) yet.</exception>
    public T Value => _value();

    /// <summary>A result worked out from this one whenever it is read; checks that throw (a 404, a 400) belong here.</summary>
    public BatchResult<TResult> Select<TResult>(Func<T, TResult> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return new(() => map(_value()));
    }
}
