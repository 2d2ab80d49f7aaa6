using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Domain.Common;
using Mediator;

namespace CleanVisitors.Application.Jobs.Commands.RunJob;

/// <summary>Runs the scheduled job with this name (or <c>tick</c>: every job that is due); 404 unknown, 409 already running.</summary>
[SystemOperation]
public sealed record RunJobCommand(string Job) : ICommand<Result<JobRunResult>>;

public sealed class RunJobCommandHandler(IEnumerable<IScheduledJob> jobs, TickJob tick, JobRunner runner)
    : ICommandHandler<RunJobCommand, Result<JobRunResult>>
{
    public async ValueTask<Result<JobRunResult>> Handle(RunJobCommand command, CancellationToken cancellationToken)
    {
        if (command.Job == TickJob.Name)
        {
            return await runner.RunAsync(TickJob.Name, tick.RunAsync, cancellationToken);
        }

        var job = jobs.FirstOrDefault(j => j.Name == command.Job);
        return job is null
            ? JobErrors.NotFound(command.Job)
            : await runner.RunAsync(job.Name, job.RunAsync, cancellationToken);
    }
}
