insert into claim_terms values ($claim_id, $side, $value_id)
