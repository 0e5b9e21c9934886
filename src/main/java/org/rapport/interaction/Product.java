package org.rapport.interaction;

/** A catalogue entry: purchase lines refer to products by SKU. */
public record Product(String sku, String name, String category, boolean active) {

}
