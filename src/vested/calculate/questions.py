"""A question in plain English for each calculator, as a user would ask it.

Shown as examples in the chat, offered under FAQ answers whose entry links the calculator,
and tested to route to the calculator they illustrate (tests/test_routing.py).
"""

EXAMPLE_QUESTIONS = {
    "loan_maximum": "I have $80,000 vested. How much can I borrow?",
    "loan_repayment": "What are the payments on a $20,000 401(k) loan at 5% over 5 years?",
    "loan_offset": "I'm 40 and leaving my job with $12,000 still owed on my 401(k) loan. What will I owe?",
    "indirect_rollover": "My $10,000 rollover was paid to me with 20% withheld. How much must I add?",
    "after_tax_basis_share": (
        "I have $25,000 of after-tax basis in a $150,000 account. How much of a $10,000 withdrawal is taxable?"
    ),
    "future_value": "If I save $8,800 a year at 6% for 30 years, how much will I have?",
    "employer_match": (
        "I earn $50,000 and defer 6%; the match is 100% of the first 3% and 50% of the next 2%. What is my match?"
    ),
    "vesting": "How much is vested after 5 years on a 2-to-6-year graded schedule?",
    "contribution_limit": "I'm 60. How much can I contribute to my 401(k) in 2026?",
    "excess_deferral": (
        "I changed jobs mid year: $15,000 went into my old 401k and $12,000 into the new one. "
        "How much did I over contribute?"
    ),
    "early_withdrawal": "What does cashing out $50,000 at age 38 cost?",
    "hardship_withdrawal": "I'm 45 and taking a $20,000 hardship withdrawal. How much is withheld and what will I owe?",
    "rmd": "I was born in 1958. When do my required minimum distributions start?",
    "missed_rmd": "My RMD was $12,000 and I only took $4,000. What is the penalty?",
    "allocation": "I'm 35. How much should I have in stocks by the rule of thumb?",
    "rebalance": "I have $250,000 at 75/25 and want 60/40. What trades do I need?",
}
