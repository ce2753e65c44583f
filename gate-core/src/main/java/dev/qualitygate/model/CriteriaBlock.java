package dev.qualitygate.model;

import dev.qualitygate.criteria.Criterion;
import java.util.List;

/**
 * One {@code - criteria: [...]} block of an objective's {@code pass} or {@code warning} list. All criteria of a
 * block must hold (AND); the blocks of a list are alternatives (OR).
 *
 * @param criteria the criteria, in file order; never empty
 * @since 0.1
 */
public record CriteriaBlock(List<Criterion> criteria) {

    /**
     * Copies the list.
     *
     * @throws IllegalArgumentException if {@code criteria} is empty (Keptn treated an empty block as met, which made
     *     scores exceed what the weights allow)
     */
    public CriteriaBlock {
        criteria = List.copyOf(criteria);
        if (criteria.isEmpty()) {
            throw new IllegalArgumentException("a criteria block needs at least one criterion");
        }
    }

    /**
     * A block of parsed criteria.
     *
     * @param criteria criteria texts such as {@code "<=+10%"}
     * @return the block
     * @throws dev.qualitygate.criteria.InvalidCriterionException if a text is not a criterion
     */
    public static CriteriaBlock of(String... criteria) {
        return new CriteriaBlock(java.util.Arrays.stream(criteria).map(Criterion::parse).toList());
    }
}
