using System.Collections;
using System.Text.Json;

namespace Hubdeck.Interop;

/** A scenario's expectation that did not hold; its message is the reason printed in the table. */
public sealed class CheckFailed(string message) : Exception(message);

/** Assertions and deadlines for scenarios: every wait has one, and every failure says what was expected. */
public static class Expect
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!Same(expected, actual)) throw new CheckFailed($"{what}: expected {Show(expected)}, got {Show(actual)}");
    }

    public static void True(bool condition, string what)
    {
        if (!condition) throw new CheckFailed(what);
    }

    /** Awaits `task`, failing with `what` when it takes longer than `timeout`. */
    public static async Task<T> Within<T>(Task<T> task, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        if (await Task.WhenAny(task, Task.Delay(limit)) != task) throw new CheckFailed($"{what}: nothing within {limit.TotalSeconds} s");
        return await task;
    }

    public static async Task Within(Task task, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        if (await Task.WhenAny(task, Task.Delay(limit)) != task) throw new CheckFailed($"{what}: nothing within {limit.TotalSeconds} s");
        await task;
    }

    /** Runs `action` and returns the exception of type TException it threw; fails if it threw nothing or something else. */
    public static async Task<TException> Throws<TException>(Func<Task> action, string what) where TException : Exception
    {
        try
        {
            await Within(action(), what);
        }
        catch (TException expected)
        {
            return expected;
        }
        catch (CheckFailed)
        {
            throw;
        }
        catch (Exception other)
        {
            throw new CheckFailed($"{what}: expected {typeof(TException).Name}, got {other.GetType().Name}: {other.Message}");
        }
        throw new CheckFailed($"{what}: expected {typeof(TException).Name}, but it succeeded");
    }

    /** Polls `condition` until it holds, failing with `what` after `timeout`. */
    public static async Task Eventually(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new CheckFailed($"{what}: not within {(timeout ?? DefaultTimeout).TotalSeconds} s");
            await Task.Delay(20);
        }
    }

    private static bool Same<T>(T expected, T actual)
    {
        if (expected is IEnumerable left && actual is IEnumerable right && expected is not string)
        {
            return left.Cast<object?>().SequenceEqual(right.Cast<object?>());
        }
        return EqualityComparer<T>.Default.Equals(expected, actual);
    }

    public static string Show(object? value) => value switch
    {
        null => "null",
        string text => JsonSerializer.Serialize(text),
        byte[] bytes => $"bytes[{Convert.ToHexString(bytes)}]",
        IEnumerable items => $"[{string.Join(", ", items.Cast<object?>().Select(Show))}]",
        DateTime time => time.ToString("O") + $" ({time.Kind})",
        DateTimeOffset time => time.ToString("O"),
        _ => value.ToString() ?? "",
    };
}
