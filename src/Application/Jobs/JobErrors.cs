using CleanVisitors.Domain.Common;

namespace CleanVisitors.Application.Jobs;

public static class JobErrors
{
    public static Error NotFound(string job) => Error.NotFound("job.not_found", $"There is no scheduled job named '{job}'.");

    public static Error AlreadyRunning(string job) =>
        Error.Conflict("job.already_running", $"The job {job} is already running (on this or another instance); try again later.");
}
