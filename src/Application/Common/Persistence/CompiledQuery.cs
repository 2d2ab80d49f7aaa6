using System.Linq.Expressions;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Models;
using LinqKit;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Common.Persistence;

/// <summary>
/// A query that EF Core compiles once (<see cref="EF.CompileAsyncQuery{TContext, TParam1, TResult}(Expression{Func{TContext, TParam1, TResult}})"/>),
/// for the hottest paths. An ordinary LINQ query is built as an expression tree, hashed and looked up in EF Core's
/// query cache on every call: on the notification path that was a third of the handler's CPU (bench/README.md).
/// Write the query against <see cref="IApplicationDbContext"/>'s sets as anywhere else, ending in a single-result
/// operator (<c>FirstOrDefault()</c>); call the returned delegate with the handler's context. Query parts shared with
/// ordinary queries (<see cref="Visits.VisitQueries.ToDtos"/>) are written once and marked <see cref="ExpandableAttribute"/>:
/// LINQKit inlines them here, before EF Core compiles.
/// </summary>
public static class CompiledQuery
{
    public static Func<IApplicationDbContext, CancellationToken, Task<TResult>> Create<TResult>(
        Expression<Func<IApplicationDbContext, TResult>> query)
    {
        var compiled = EF.CompileAsyncQuery(OnDbContext<Func<DbContext, CancellationToken, TResult>>(query));
        return (db, cancellationToken) => compiled(AsDbContext(db), cancellationToken);
    }

    public static Func<IApplicationDbContext, T1, CancellationToken, Task<TResult>> Create<T1, TResult>(
        Expression<Func<IApplicationDbContext, T1, TResult>> query)
    {
        var compiled = EF.CompileAsyncQuery(OnDbContext<Func<DbContext, T1, CancellationToken, TResult>>(query));
        return (db, p1, cancellationToken) => compiled(AsDbContext(db), p1, cancellationToken);
    }

    public static Func<IApplicationDbContext, T1, T2, CancellationToken, Task<TResult>> Create<T1, T2, TResult>(
        Expression<Func<IApplicationDbContext, T1, T2, TResult>> query)
    {
        var compiled = EF.CompileAsyncQuery(OnDbContext<Func<DbContext, T1, T2, CancellationToken, TResult>>(query));
        return (db, p1, p2, cancellationToken) => compiled(AsDbContext(db), p1, p2, cancellationToken);
    }

    public static Func<IApplicationDbContext, T1, T2, T3, CancellationToken, Task<TResult>> Create<T1, T2, T3, TResult>(
        Expression<Func<IApplicationDbContext, T1, T2, T3, TResult>> query)
    {
        var compiled = EF.CompileAsyncQuery(OnDbContext<Func<DbContext, T1, T2, T3, CancellationToken, TResult>>(query));
        return (db, p1, p2, p3, cancellationToken) => compiled(AsDbContext(db), p1, p2, p3, cancellationToken);
    }

    /// <summary>
    /// The same query with the port's parameter replaced by a <see cref="DbContext"/> (EF Core compiles against a context type)
    /// and a last <see cref="CancellationToken"/> parameter (EF Core's signature of a cancellable compiled query).
    /// </summary>
    private static Expression<TDelegate> OnDbContext<TDelegate>(LambdaExpression query)
    {
        var context = Expression.Parameter(typeof(DbContext), "context");
        var body = new ReplaceParameter(query.Parameters[0], Expression.Convert(context, typeof(IApplicationDbContext))).Visit(query.Body.Expand());
        return Expression.Lambda<TDelegate>(body, [context, .. query.Parameters.Skip(1), Expression.Parameter(typeof(CancellationToken), "cancellationToken")]);
    }

    private static DbContext AsDbContext(IApplicationDbContext db) =>
        db as DbContext ?? throw new InvalidOperationException($"A compiled query runs on an EF Core context; {db.GetType().Name} is not one.");
}
