namespace Volara.Runtime.Tests.Engine.Workers.Cluster;

internal static class Polling
{
    /// <summary>Waits until the condition holds; fails the test when it does not within the limit.</summary>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"condition not met within {limit.TotalSeconds:0} s");
            }

            await Task.Delay(100);
        }
    }
}
