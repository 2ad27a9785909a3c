package io.sieve.funnel;

/**
 * Which items the filters would let through for a request, asked by retrievers while they fill
 * their quotas so that quotas are not spent on items dropped later. The filter stage answers it.
 */
public interface Eligibility {
    Eligibility ALL = new Eligibility() {
        @Override
        public boolean admits(String itemId, RequestContext context) {
            return true;
        }

        @Override
        public boolean admitsIgnoringSeen(String itemId, RequestContext context) {
            return true;
        }
    };

    boolean admits(String itemId, RequestContext context);

    /** As if the user had seen nothing: for search, where finding a known item is fine. */
    boolean admitsIgnoringSeen(String itemId, RequestContext context);
}
