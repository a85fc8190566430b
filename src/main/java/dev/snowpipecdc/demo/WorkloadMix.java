package dev.snowpipecdc.demo;

import java.util.Locale;

/**
 * What a {@link Workload} makes: the shares (per cent) of inserts, updates and deletes, and the most statements in
 * one transaction (each transaction has one to that many). Inserts go to customers and orders about 20:35, updates
 * and deletes to orders and customers about 2:1, as in a shop where orders change more often than customers.
 */
public record WorkloadMix(int insertPercent, int updatePercent, int deletePercent, int maxTransactionSize) {

    /** The demo's mix: 55 % inserts, 30 % updates, 15 % deletes, one to three statements per transaction. */
    public static final WorkloadMix DEFAULT = new WorkloadMix(55, 30, 15, 3);

    public WorkloadMix {
        if (insertPercent < 0 || updatePercent < 0 || deletePercent < 0
                || insertPercent + updatePercent + deletePercent != 100) {
            throw new IllegalArgumentException("The shares of inserts, updates and deletes must be at least 0 and add"
                    + " up to 100, not " + insertPercent + ":" + updatePercent + ":" + deletePercent);
        }
        if (insertPercent == 0) {
            throw new IllegalArgumentException("A workload needs some inserts: updates and deletes need rows");
        }
        if (maxTransactionSize < 1) {
            throw new IllegalArgumentException("A transaction has at least one statement, not " + maxTransactionSize);
        }
    }

    /** "insert:update:delete" in per cent, e.g. "55:30:15". */
    public static WorkloadMix parse(String shares, int maxTransactionSize) {
        String[] parts = shares.strip().split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException("A mix is insert:update:delete in per cent, e.g. 55:30:15, not '"
                    + shares + "'");
        }
        try {
            return new WorkloadMix(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()),
                    Integer.parseInt(parts[2].strip()), maxTransactionSize);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("A mix is insert:update:delete in whole per cent, not '" + shares
                    + "'", e);
        }
    }

    /** Below this (of 100) a change inserts a customer. */
    int insertCustomerBelow() {
        return Math.round(insertPercent * 20f / 55f);
    }

    /** Below this an order is inserted. */
    int insertOrderBelow() {
        return insertPercent;
    }

    /** Below this an order is updated. */
    int updateOrderBelow() {
        return insertPercent + Math.round(updatePercent * 2f / 3f);
    }

    /** Below this a customer is updated. */
    int updateCustomerBelow() {
        return insertPercent + updatePercent;
    }

    /** Below this an order is deleted; from it on, a customer without orders. */
    int deleteOrderBelow() {
        return insertPercent + updatePercent + Math.round(deletePercent * 2f / 3f);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d %% inserts, %d %% updates, %d %% deletes, 1-%d statements per"
                + " transaction", insertPercent, updatePercent, deletePercent, maxTransactionSize);
    }
}
