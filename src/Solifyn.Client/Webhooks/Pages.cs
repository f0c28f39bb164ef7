using System.Runtime.CompilerServices;

namespace Solifyn.Client;

/// <summary>Walks a cursor list page after page (<c>startingAfter</c> = the last id of the page before).</summary>
internal static class Pages
{
    public static async IAsyncEnumerable<T> AllAsync<T>(
        Func<string?, CancellationToken, Task<(IReadOnlyList<T> Data, bool HasMore)>> page, string? startingAfter, Func<T, string> idOf,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = startingAfter;
        while (true)
        {
            var (data, hasMore) = await page(after, cancellationToken).ConfigureAwait(false);
            foreach (var item in data) yield return item;
            // An empty page that claims more would loop forever on the same cursor; treat it as the end.
            if (!hasMore || data.Count == 0) yield break;
            after = idOf(data[^1]);
        }
    }
}
