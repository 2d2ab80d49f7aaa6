using System.Linq.Expressions;

namespace CleanVisitors.Application.Common.Models;

/// <summary>How a list is ordered: one key, then the id as the tie-breaker, both in one direction.</summary>
public sealed record PageOrder<TEntity, TKey>(Expression<Func<TEntity, TKey>> Key, Expression<Func<TEntity, Guid>> Id, bool Descending);
